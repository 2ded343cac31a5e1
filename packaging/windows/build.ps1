# Build So tay Bi thu for Windows: a venv, the app, the same PyInstaller spec as Linux, then the installer.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs: Python 3.11 (x64) on PATH as "py -3.11", and Inno Setup 6 (iscc.exe) for the installer step.
# Output: dist\SoTayBiThu\ (the one-folder app) and dist\SoTayBiThu-Setup.exe (per-user installer).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv-win\Scripts\python.exe)) { py -3.11 -m venv .venv-win }
$py = ".venv-win\Scripts\python.exe"
& $py -m pip install --disable-pip-version-check -q --upgrade pip
# The app and PyInstaller only: no server or test packages go into the bundle.
& $py -m pip install --disable-pip-version-check -q . "pyinstaller>=6.10,<7"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# Translations are built, not committed (as scripts/dev.sh does on Linux).
Get-ChildItem resources\translations\*.ts | ForEach-Object {
    & .venv-win\Scripts\pyside6-lrelease.exe -silent $_.FullName -qm ($_.FullName -replace '\.ts$', '.qm')
    if ($LASTEXITCODE -ne 0) { throw "lrelease failed on $($_.Name)" }
}
# pip installed a copy of resources\ before the .qm files existed: install again so the bundle takes them.
& $py -m pip install --disable-pip-version-check -q --no-deps --force-reinstall .

& .venv-win\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN --distpath dist `
    --workpath build\pyinstaller packaging\sotay.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Smoke test before packaging: the bundled command line makes a demo cell and exports its minutes.
$data = Join-Path $env:TEMP ("sotay-smoke-" + [guid]::NewGuid())
& dist\SoTayBiThu\secretary-app.exe --data-dir $data demo
if ($LASTEXITCODE -ne 0) { throw "bundled demo failed" }
& dist\SoTayBiThu\secretary-app.exe --data-dir $data export minutes --latest --format pdf -o "$data\bien-ban.pdf"
if ($LASTEXITCODE -ne 0) { throw "bundled PDF export failed" }
Remove-Item -Recurse -Force $data

$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 is not installed: $iscc" }
& $iscc /Qp /DSourceDir="$PWD\dist\SoTayBiThu" /DOutputDir="$PWD\dist" packaging\windows\sotay.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "Built dist\SoTayBiThu-Setup.exe"
