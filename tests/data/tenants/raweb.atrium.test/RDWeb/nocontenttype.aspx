<ResourceCollection PubDate="2024-03-04T10:15:00.0Z" SchemaVersion="2" xmlns="http://schemas.microsoft.com/ts/2007/05/tswf">
<Publisher LastUpdated="2024-03-04T10:12:00Z" Name="RAWEB01" ID="raweb.atrium.test" Description="">
<Resources>
<!-- Chrome web apps all run chrome_proxy.exe: same ID, different .rdp files. -->
<Resource ID="chrome_proxy" Alias="multiuser-resources/YouTube.rdp" Title="YouTube" LastUpdated="2024-03-04T10:12:00Z" Type="RemoteApp">
<Icons>
<IconRaw FileType="Ico" FileURL="/RDWeb/get-image.aspx?image=multiuser-resources/YouTube&amp;format=ico" />
</Icons>
<FileExtensions />
<Folders>
<Folder Name="/" />
</Folders>
<HostingTerminalServers>
<HostingTerminalServer>
<ResourceFile FileExtension=".rdp" URL="/RDWeb/multiuser-resources/YouTube.rdp" />
<TerminalServerRef Ref="RAWEB01" />
</HostingTerminalServer>
</HostingTerminalServers>
</Resource>
<Resource ID="chrome_proxy" Alias="multiuser-resources/Outlook.rdp" Title="Outlook (PWA)" LastUpdated="2024-03-04T10:12:00Z" Type="RemoteApp">
<Icons>
<IconRaw FileType="Ico" FileURL="/RDWeb/get-image.aspx?image=multiuser-resources/Outlook&amp;format=ico" />
</Icons>
<FileExtensions />
<Folders>
<Folder Name="/" />
</Folders>
<HostingTerminalServers>
<HostingTerminalServer>
<ResourceFile FileExtension=".rdp" URL="/RDWeb/multiuser-resources/Outlook.rdp" />
<TerminalServerRef Ref="RAWEB01" />
</HostingTerminalServer>
</HostingTerminalServers>
</Resource>
<!-- The same resource listed twice (a user and a group folder share it): one is kept. -->
<Resource ID="chrome_proxy" Alias="multiuser-resources/YouTube.rdp" Title="YouTube" LastUpdated="2024-03-04T10:12:00Z" Type="RemoteApp">
<Icons>
<IconRaw FileType="Ico" FileURL="/RDWeb/get-image.aspx?image=multiuser-resources/YouTube&amp;format=ico" />
</Icons>
<FileExtensions />
<Folders>
<Folder Name="/" />
</Folders>
<HostingTerminalServers>
<HostingTerminalServer>
<ResourceFile FileExtension=".rdp" URL="/RDWeb/multiuser-resources/YouTube.rdp" />
<TerminalServerRef Ref="RAWEB01" />
</HostingTerminalServer>
</HostingTerminalServers>
</Resource>
<Resource ID="RAWEB01-Desktop" Alias="multiuser-resources/Desktop.rdp" Title="RAWEB01 Desktop" LastUpdated="2024-03-04T10:12:00Z" Type="Desktop">
<Icons>
<IconRaw FileType="Ico" FileURL="/RDWeb/get-image.aspx?image=multiuser-resources/Desktop&amp;format=ico" />
</Icons>
<FileExtensions />
<Folders>
<Folder Name="/" />
</Folders>
<HostingTerminalServers>
<HostingTerminalServer>
<ResourceFile FileExtension=".rdp" URL="/RDWeb/multiuser-resources/Desktop.rdp" />
<TerminalServerRef Ref="RAWEB01" />
</HostingTerminalServer>
</HostingTerminalServers>
</Resource>
</Resources>
<TerminalServers>
<TerminalServer ID="RAWEB01" LastUpdated="2024-03-04T10:12:00Z" />
</TerminalServers>
</Publisher>
</ResourceCollection>
