<?xml version="1.0" encoding="utf-8"?>
<ResourceCollection PubDate="2024-06-11T07:30:00Z" SchemaVersion="2.1" xmlns="http://schemas.microsoft.com/ts/2007/05/tswf">
  <Publisher LastUpdated="2024-06-11T07:30:00Z" Name="Contoso IIS" ID="iis.atrium.test" Description="" SupportsReconnect="true">
    <Resources>
      <!-- Icon and .rdp URLs carry a hash query as in the [MS-TSWP] examples (base64: %2B, %3D)
           and a value with an encoded ampersand (%26): sent byte for byte. -->
      <Resource ID="f1c3b3b6-3a1d-4f7e-9d3e-2a6a8f0b7c11" Alias="WINWORD" Title="Word" LastUpdated="2024-06-11T07:30:00Z" Type="RemoteApp">
        <Icons>
          <IconRaw FileType="Ico" FileURL="/RDWeb/Pages/rdp/WINWORD.ico?hash=q8%2B1lYd%3D%3D&amp;collection=R%26D" />
        </Icons>
        <Folders>
          <Folder Name="/" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/WINWORD.rdp?hash=Zm9v%2Bbar%3D&amp;collection=R%26D" />
            <TerminalServerRef Ref="IIS-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="IIS-Desktop" Alias="IIS-Desktop" Title="Contoso Desktop" LastUpdated="2024-06-11T07:30:00Z" Type="Desktop">
        <Folders>
          <Folder Name="/" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/IIS-Desktop.rdp" />
            <TerminalServerRef Ref="IIS-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
    </Resources>
    <TerminalServers>
      <TerminalServer ID="IIS-RDSH01" Name="rdsh01.iis.atrium.test" LastUpdated="2024-06-11T07:30:00Z" />
    </TerminalServers>
  </Publisher>
</ResourceCollection>
