# Build dist\annotator\ on Windows: annotator.exe (the window, no console) and
# annotator-cli.exe (the command line). Run from a PowerShell prompt:
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root
if (-not (Test-Path build\venv\Scripts\python.exe)) { py -3 -m venv build\venv }
build\venv\Scripts\python.exe -m pip install -q --upgrade pip
build\venv\Scripts\python.exe -m pip install -q ".[packaging]"
if (Test-Path dist\annotator) { Remove-Item -Recurse -Force dist\annotator }
build\venv\Scripts\pyinstaller.exe --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\annotator.spec
Write-Host "Bundle: dist\annotator (start annotator.exe; zip the folder to distribute)"
