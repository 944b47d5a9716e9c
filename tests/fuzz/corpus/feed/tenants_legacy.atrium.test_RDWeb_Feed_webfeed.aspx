<?xml version="1.0" encoding="utf-8"?>
<ResourceCollection PubDate="2012-09-20T10:00:00Z" SchemaVersion="1.1" xmlns="http://schemas.microsoft.com/ts/2007/05/tswf">
  <Publisher LastUpdated="2012-09-20T10:00:00Z" Name="Legacy Remote Apps" ID="legacy.atrium.test" Description="">
    <Resources>
      <Resource ID="Legacy-Desktop" Alias="Legacy-Desktop" Title="Legacy Desktop" LastUpdated="2024-05-02T08:00:00Z" Type="Desktop">
        <Icons>
          <IconRaw FileType="Ico" FileURL="/RDWeb/Pages/rdp/Legacy-Desktop.ico" />
        </Icons>
        <FileExtensions />
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/Legacy-Desktop.rdp" />
            <TerminalServerRef Ref="LEGACY-TS01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="Legacy-Mspaint" Alias="mspaint" Title="Paint" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="mspaint.exe">
        <Icons>
          <IconRaw FileType="Ico" FileURL="/RDWeb/Pages/rdp/mspaint.ico" />
        </Icons>
        <FileExtensions>
          <FileExtension Name=".bmp" PrimaryHandler="True">
          </FileExtension>
        </FileExtensions>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/mspaint.rdp" />
            <TerminalServerRef Ref="LEGACY-TS01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
    </Resources>
    <TerminalServers>
      <TerminalServer ID="LEGACY-TS01" Name="legacy-ts01.atrium.test" LastUpdated="2012-09-20T10:00:00Z" />
    </TerminalServers>
  </Publisher>
</ResourceCollection>
