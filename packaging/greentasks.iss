; Inno Setup script for the one-folder build dist\greentasks\ (build_installer.spec).
; Build on Windows: iscc packaging\greentasks.iss   (Inno Setup 6; output: dist\greentasks-setup-<version>.exe)
; Installs per user without administrator rights; the database and backups stay in the user's
; data folder (%LOCALAPPDATA%\greentasks), never under the program folder.
#define AppVersion GetVersionNumbersString("..\dist\greentasks\greentasks.exe")

[Setup]
AppId={{5B6E2C1A-7D0F-4C61-9B3E-2A4F8D1C6E70}
AppName=绿色发展督查台账
AppVersion={#AppVersion}
AppPublisher=重庆市南川区人民政府办公室
DefaultDirName={userpf}\greentasks
DefaultGroupName=绿色发展督查台账
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=greentasks-setup-{#AppVersion}
SetupIconFile=..\resources\icons\greentasks.ico
UninstallDisplayIcon={app}\greentasks-gui.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
; ChineseSimplified.isl ships in the Languages folder of current Inno Setup 6 releases.
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "..\dist\greentasks\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\绿色发展督查台账"; Filename: "{app}\greentasks-gui.exe"; WorkingDir: "{userdocs}"
Name: "{autoprograms}\卸载 绿色发展督查台账"; Filename: "{uninstallexe}"
Name: "{autodesktop}\绿色发展督查台账"; Filename: "{app}\greentasks-gui.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
; First start creates (or, after an upgrade, migrates with a backup first) the user's database.
Filename: "{app}\greentasks.exe"; Parameters: "init"; Flags: runhidden waituntilterminated; StatusMsg: "正在准备数据库……"
Filename: "{app}\greentasks-gui.exe"; Description: "启动 绿色发展督查台账"; Flags: nowait postinstall skipifsilent
