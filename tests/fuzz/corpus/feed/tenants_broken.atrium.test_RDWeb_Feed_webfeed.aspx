<html><body>Service temporarily moved</body></html>
