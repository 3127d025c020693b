; ATM Kiosk: additions to electron-builder's NSIS installer (electron-builder.yml nsis.include).
;
; Optional auto-start. The install is per machine, so the kiosk starts for whoever logs on through a value under
; HKLM\Software\Microsoft\Windows\CurrentVersion\Run (64-bit view). It is chosen
;   - on the command line, for silent deployment:  "ATM Kiosk Setup.exe" /S /AUTOSTART
;   - or interactively, by answering Yes to the question at the end of the install.
; An upgrade keeps the value (electron-builder runs the old uninstaller with --updated); an uninstall removes it.
; For a locked-down kiosk use Shell Launcher or Assigned Access instead (docs/windows-kiosk.md): a Run entry starts
; the app but leaves Explorer running behind it.

!include FileFunc.nsh
!include LogicLib.nsh
!include x64.nsh

!define ATM_KIOSK_RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define ATM_KIOSK_RUN_VALUE "ATM Kiosk"

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AUTOSTART" $R1
  ${IfNot} ${Errors}
    StrCpy $R2 "yes"
  ${ElseIf} ${Silent}
    ; A silent install without the flag changes nothing (an existing value from an earlier install stays).
    StrCpy $R2 "no"
  ${ElseIf} ${Cmd} `MessageBox MB_YESNO|MB_ICONQUESTION "Start ATM Kiosk automatically when anyone logs on to this computer?" /SD IDNO IDYES`
    StrCpy $R2 "yes"
  ${Else}
    StrCpy $R2 "no"
  ${EndIf}
  ${If} $R2 == "yes"
    ${If} ${RunningX64}
      SetRegView 64
    ${EndIf}
    WriteRegStr HKLM "${ATM_KIOSK_RUN_KEY}" "${ATM_KIOSK_RUN_VALUE}" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
    SetRegView lastused
    DetailPrint "ATM Kiosk will start automatically at log-on."
  ${EndIf}
!macroend

!macro customUnInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "--updated" $R1
  ; No --updated: a real uninstall, not the old version being replaced by an upgrade.
  ${If} ${Errors}
    ${If} ${RunningX64}
      SetRegView 64
    ${EndIf}
    DeleteRegValue HKLM "${ATM_KIOSK_RUN_KEY}" "${ATM_KIOSK_RUN_VALUE}"
    SetRegView lastused
  ${EndIf}
!macroend
