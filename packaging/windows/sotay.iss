; Inno Setup 6 script (UTF-8 with a byte-order mark, so the Vietnamese names survive) for Sổ tay Bí thư. Built by build.ps1:
;   ISCC.exe /DSourceDir=...\dist\SoTayBiThu /DOutputDir=...\dist packaging\windows\sotay.iss
; Per-user install (no administrator rights), Start-menu and desktop shortcuts, an uninstaller that
; leaves the secretary's data (in %LOCALAPPDATA%\so-tay-bi-thu) where it is and says so.
#ifndef SourceDir
  #define SourceDir "..\..\dist\SoTayBiThu"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "Sổ tay Bí thư"
#define AppVersion "0.1.0"

[Setup]
AppId={{6F0E3C52-1D8B-4C7A-9B7E-5A3C2D1E0F91}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Sổ tay Bí thư
DefaultDirName={localappdata}\Programs\SoTayBiThu
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=SoTayBiThu-Setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\SoTayBiThu.exe

[Languages]
; Vietnamese is among Inno Setup's unofficial translations, not always installed with it: English otherwise.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Unofficial\Vietnamese.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\SoTayBiThu.exe"
Name: "{group}\Gỡ cài đặt {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\SoTayBiThu.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\SoTayBiThu.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { Only the program is removed: the data folder is never touched by the uninstaller. }
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox('Đã gỡ chương trình. Dữ liệu của chi bộ vẫn được giữ nguyên trong thư mục:' + #13#10 +
           ExpandConstant('{localappdata}\so-tay-bi-thu') + #13#10 +
           'Cài lại chương trình sẽ dùng tiếp dữ liệu này.', mbInformation, MB_OK);
end;
