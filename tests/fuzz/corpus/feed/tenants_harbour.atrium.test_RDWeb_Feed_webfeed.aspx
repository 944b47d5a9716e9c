<?xml version="1.0" encoding="utf-8"?>
<ResourceCollection PubDate="2024-05-02T08:00:00Z" SchemaVersion="2.1" xmlns="http://schemas.microsoft.com/ts/2007/05/tswf">
  <Publisher LastUpdated="2024-05-02T08:00:00Z" Name="Harbour Dental Group" ID="harbour.atrium.test" Description="Harbour Dental Group — clinics and back office" SupportsReconnect="true" DisplayFolder="true">
    <SubFolders>
      <Folder Name="/Admin" />
      <Folder Name="/Clinic" />
      <Folder Name="/Office" />
    </SubFolders>
    <Resources>
      <Resource ID="HDG-Desktop" Alias="HDG-Desktop" Title="Harbour Desktop" LastUpdated="2024-05-02T08:00:00Z" Type="Desktop">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Desktop-32.png?hash=9ceabc0989f7007b" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Desktop-64.png?hash=d5f5449bf4b5b95c" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Desktop-256.png?hash=a685fd9ee3f630c7" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="https://tenant.atrium.test/RDWeb/Pages/rdp/HDG-Desktop.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Clinic-Desktop" Alias="HDG-Clinic-Desktop" Title="Clinic Workstation" LastUpdated="2024-05-02T08:00:00Z" Type="Desktop">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Clinic-Desktop-32.png?hash=56f14641e7765704" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Clinic-Desktop-64.png?hash=e5f79607077418cc" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Clinic-Desktop-256.png?hash=b859d97e9b7c36cb" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/Clinic" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/HDG-Clinic-Desktop.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Admin-Desktop" Alias="HDG-Admin-Desktop" Title="Admin Desktop" LastUpdated="2024-05-02T08:00:00Z" Type="Desktop" ShowByDefault="false">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Admin-Desktop-32.png?hash=6c9ebb66fce59247" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Admin-Desktop-64.png?hash=fe8c00f8111c1936" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/HDG-Admin-Desktop-256.png?hash=4eb15f547d5ec11d" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/Admin" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/HDG-Admin-Desktop.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Chairside" Alias="Chairside" Title="Chairside Charting" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="chairside.exe" ShowByDefault="true">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/Chairside-32.png?hash=15ee835852a2e983" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/Chairside-64.png?hash=1413f4af79b4ccfd" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/Chairside-256.png?hash=73d656050fc11d73" />
        </Icons>
        <FileExtensions>
          <FileExtension Name=".chx" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
        </FileExtensions>
        <Folders>
          <Folder Name="/Clinic" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/Chairside.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Imaging" Alias="Imaging" Title="Dental Imaging Viewer" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="imgview.exe">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/Imaging-32.png?hash=1a3c1c1e6831fa4f" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/Imaging-64.png?hash=2b97bf2fafe829af" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/Imaging-256.png?hash=d12b2e9a9ec561a6" />
        </Icons>
        <FileExtensions>
          <FileExtension Name=".dcm" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
        </FileExtensions>
        <Folders>
          <Folder Name="/Clinic" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/Imaging.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Perio" Alias="PerioChart" Title="Perio Chart" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="perio.exe">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/PerioChart-32.png?hash=6efbef6c660d4e5d" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/PerioChart-64.png?hash=0c2b05fe35eb2109" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/PerioChart-256.png?hash=5febeef5293b5180" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/Clinic" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/PerioChart.rdp" />
            <TerminalServerRef Ref=" HDG-RDSH01 " />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Outlook" Alias="OUTLOOK" Title="Outlook" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="OUTLOOK.EXE">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/OUTLOOK-32.png?hash=9d1551f70fc6f9fa" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/OUTLOOK-64.png?hash=a53a165ac9f9cd9b" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/OUTLOOK-256.png?hash=f656333c491e228a" />
        </Icons>
        <FileExtensions>
          <FileExtension Name=".msg" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
          <FileExtension Name=".eml" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
        </FileExtensions>
        <Folders>
          <Folder Name="/Office" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/OUTLOOK.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Word" Alias="WINWORD" Title="Word" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="WINWORD.EXE">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="png" FileURL="/RDWeb/Pages/icons/WINWORD-32.png?hash=37893ada63f8a545" />
          <Icon64 Dimensions="64x64" FileType="png" FileURL="/RDWeb/Pages/icons/WINWORD-64.png?hash=23a4962a275d800d" />
          <Icon256 Dimensions="256x256" FileType="png" FileURL="/RDWeb/Pages/icons/WINWORD-256.png?hash=8ec0be31d84d5ee9" />
        </Icons>
        <FileExtensions>
          <FileExtension Name=".docx" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
          <FileExtension Name=".doc" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
        </FileExtensions>
        <Folders>
          <Folder Name="/Office" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/WINWORD.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Excel" Alias="EXCEL" Title="Excel" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="EXCEL.EXE">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="../Pages/icons/EXCEL-32.png?hash=446812a506c62608" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="../Pages/icons/EXCEL-64.png?hash=f78a0c74ab8eb2dc" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="../Pages/icons/EXCEL-256.png?hash=dd070d9ec40e39db" />
        </Icons>
        <FileExtensions>
          <FileExtension Name=".xlsx" PrimaryHandler="True">
            <FileAssociationIcons />
          </FileExtension>
        </FileExtensions>
        <Folders>
          <Folder Name="/Office" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/EXCEL.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Calc" Alias="calc" Title="Calculator" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="calc.exe">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/calc-32.png?hash=cb4a6b1db51c5064" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/calc-64.png?hash=920a6295186c6331" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/calc-256.png?hash=36efc3b3bd7c9176" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="../Pages/rdp/calc.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
      <Resource ID="HDG-Payroll" Alias="Payroll" Title="Payroll Manager" LastUpdated="2024-05-02T08:00:00Z" Type="RemoteApp" ExecutableName="payroll.exe" ShowByDefault="false">
        <Icons>
          <Icon32 Dimensions="32x32" FileType="Png" FileURL="/RDWeb/Pages/icons/Payroll-32.png?hash=bb9d0b267706670d" />
          <Icon64 Dimensions="64x64" FileType="Png" FileURL="/RDWeb/Pages/icons/Payroll-64.png?hash=1041b28d215b8c6d" />
          <Icon256 Dimensions="256x256" FileType="Png" FileURL="/RDWeb/Pages/icons/Payroll-256.png?hash=a574fa7dd123051d" />
        </Icons>
        <FileExtensions />
        <Folders>
          <Folder Name="/Admin" />
        </Folders>
        <HostingTerminalServers>
          <HostingTerminalServer>
            <ResourceFile FileExtension=".rdp" URL="/RDWeb/Pages/rdp/Payroll.rdp" />
            <TerminalServerRef Ref="HDG-RDSH01" />
          </HostingTerminalServer>
        </HostingTerminalServers>
      </Resource>
    </Resources>
    <TerminalServers>
      <TerminalServer ID="HDG-RDSH01" Name="harbour-rdsh01.atrium.test" LastUpdated="2024-05-02T08:00:00Z" />
    </TerminalServers>
  </Publisher>
</ResourceCollection>
