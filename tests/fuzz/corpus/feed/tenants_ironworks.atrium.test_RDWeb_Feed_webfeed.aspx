<?xml version="1.0" encoding="utf-8"?>
<ResourceCollection PubDate="2024-04-11T13:30:00Z" SchemaVersion="2.0" xmlns="http://schemas.microsoft.com/ts/2007/05/tswf">
  <Publisher LastUpdated="2024-04-11T13:30:00Z" Name="Ironworks Engineering" ID="ironworks.atrium.test" Description="" SupportsReconnect="true">
    <Resources>
      <Resource ID="IWE-Desktop" Alias="IWE-Desktop" Title="Ironworks Desktop" LastUpdated="2024-05-02T08:00:00Z" Type="Desktop">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/IWE-Desktop-32.png?hash=7d3290bebe77fdbc" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/IWE-Desktop-64.png?hash=9d21fdbaf67fbf81" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/IWE-Desktop.rdp" />
            <TerminalServerRef Ref="IWE-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="IWE-CAD" Alias="CAD" Title="CAD Studio" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="cadstudio.exe">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/CAD-32.png?hash=a06555c590244a1e" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/CAD-64.png?hash=17334b4cb2e06f44" />
        </Icons>
        <FileExtensions>
          <FileExtension Name=".dwg" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
          <FileExtension Name=".step" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
        </FileExtensions>
        <Folders>
          <Folder Name="/Engineering" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/CAD.rdp" />
            <TerminalServerRef Ref="IWE-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="IWE-ERP" Alias="ERP" Title="Foundry ERP" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="erp.exe">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/ERP-32.png?hash=7934d0d724ec7c37" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/ERP-64.png?hash=26c21eb547ea85c5" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/ERP.rdp" />
            <TerminalServerRef Ref="IWE-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
    </Resources>
    <TerminalServers>
      <TerminalServer ID="IWE-RDSH01" Name="iwe-rdsh01.atrium.test" LastUpdated="2024-04-11T13:30:00Z" />
    </TerminalServers>
  </Publisher>
</ResourceCollection>
