<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>RemoteApps</title></head>
<body><div id="app">RemoteApps on RAWEB01</div><script src="lib/app.js"></script></body></html>
