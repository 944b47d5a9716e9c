<!DOCTYPE html>
<html><head><title>RD Web Access</title></head>
<body><form method="post"><p>Domain\user name: <input name="DomainUserName"></p>
<p>Password: <input name="UserPass" type="password"></p></form></body></html>
