<?xml version="1.0" encoding="utf-8"?>
<ResourceCollection PubDate="2024-05-02T08:00:00Z" SchemaVersion="2.1" xmlns="http://schemas.microsoft.com/ts/2007/05/tswf">
  <Publisher LastUpdated="2024-05-02T08:00:00Z" Name="Tenant One" ID="tenant1.atrium.test" Description="Minimal feed for integration tests" SupportsReconnect="true">
    <Resources>
      <Resource ID="T1-Desktop" Alias="T1-Desktop" Title="Tenant One Desktop" LastUpdated="2024-05-02T08:00:00Z" Type="Desktop">
        <Icons>
          <IconRaw FileType="Ico" FileURL="/RDWeb/Pages/rdp/T1-Desktop.ico" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/T1-Desktop.rdp" />
            <TerminalServerRef Ref="T1-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="T1-Notepad" Alias="notepad" Title="Notepad" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="notepad.exe" ShowByDefault="true">
        <Icons>
          <IconRaw FileType="Ico" FileURL="/RDWeb/Pages/rdp/notepad.ico" />
        </Icons>
        <FileExtensions>
          <FileExtension Name=".txt" PrimaryHandler="True" />
        </FileExtensions>
        <Folders>
          <Folder Name="/" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="https://tenant.atrium.test/RDWeb/Pages/rdp/notepad.rdp" />
            <TerminalServerRef Ref="T1-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
    </Resources>
    <TerminalServers>
      <TerminalServer ID="T1-RDSH01" Name="tenant1-rdsh01.atrium.test" LastUpdated="2024-05-02T08:00:00Z" />
    </TerminalServers>
  </Publisher>
</ResourceCollection>
