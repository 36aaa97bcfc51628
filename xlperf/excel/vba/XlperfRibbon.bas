Attribute VB_Name = "XlperfRibbon"
' xlperf ribbon callbacks: the buttons of the tab in customUI.xml.
'
' Each button runs one entry point of the Python package xlperf.excel through
' RunPython of the "xlwings" module of this same project: the module xlwings
' ships for custom add-ins, embedded when the add-in is built, so no other
' add-in is needed. RunPython hands Python the ACTIVE workbook (read by
' xw.Book.caller()), so the buttons act on the workbook the user is looking at,
' never on this add-in. Its settings (INTERPRETER_WIN, USE UDF SERVER, ...) are
' read from %USERPROFILE%\.xlperf\xlperf.conf, written by "xlperf excel install".
'
' This module is ASCII only, so it reads the same under every code page. Chinese
' text is written as its UTF-16 code units in hex and built by Zh(); to encode a
' new message: python -c "print(' '.join(f'{ord(c):04X}' for c in 'TEXT'))"
Option Explicit

Sub XlperfValidate(control As IRibbonControl)
    RunXlperf "import xlperf.excel as x; x.on_validate()"
End Sub

Sub XlperfClear(control As IRibbonControl)
    RunXlperf "import xlperf.excel as x; x.on_clear()"
End Sub

Sub XlperfAddProject(control As IRibbonControl)
    RunXlperf "import xlperf.excel as x; x.on_add_project()"
End Sub

Sub XlperfNotice(control As IRibbonControl)
    RunXlperf "import xlperf.excel as x; x.on_notice()"
End Sub

Sub XlperfHelp(control As IRibbonControl)
    RunXlperf "import xlperf.excel as x; x.on_help()"
End Sub

' Python replaces the "running" text with its own summary (or clears it). When
' the text is still there afterwards, Python never ran the button's code: RunPython
' returns -1 when xlwings has shown Python's error, and 0 or Empty when Python
' could not be started at all. Either way the status bar is cleared and the user
' is told which setting in which file to check.
Private Sub RunXlperf(pythonCode As String)
    Dim running As String, result As Variant
    If ActiveWorkbook Is Nothing Then
        ' Open the department workbook to work on first.
        Say Zh("8BF7 5148 6253 5F00 8981 5904 7406 7684 7EE9 6548 76EE 6807 5DE5 4F5C 7C3F 3002"), _
            vbInformation
        Exit Sub
    End If
    If Not InterpreterFound() Then Exit Sub
    On Error GoTo Failed
    running = Zh("7EE9 6548 76EE 6807 FF1A 6B63 5728 8FD0 884C FF0C 8BF7 7A0D 5019 2026 2026")
    Application.StatusBar = running
    result = xlwings.RunPython(pythonCode)
    If CStr(Application.StatusBar) <> running Then Exit Sub
    Application.StatusBar = False
    If result = -1 Then
        Say PythonFailedText()
    Else
        Say NotStartedText()
    End If
    Exit Sub
Failed:
    Application.StatusBar = False
    ' The button failed: <VBA's error>. Run install.cmd again.
    Say Zh("8FD0 884C 6309 94AE 65F6 51FA 9519 FF1A") & Err.Description & vbCrLf & vbCrLf & _
        Zh("8BF7 91CD 65B0 8FD0 884C 5B89 88C5 5305 4E2D 7684") & " install.cmd" & Zh("3002")
End Sub

' False, after telling the user, when INTERPRETER_WIN names a python.exe that is
' not there (xlwings itself would say "Could not find Interpreter!" in English).
Private Function InterpreterFound() As Boolean
    Dim interpreter As String
    InterpreterFound = True
    #If Not Mac Then
        interpreter = xlwings.GetConfig("INTERPRETER_WIN", "")
        If interpreter = "" Or interpreter = "python" Or interpreter = "pythonw" Then Exit Function
        If xlwings.FileExists(interpreter) Then Exit Function
        InterpreterFound = False
        ' The Python the buttons use is not found: <path>. Run install.cmd again, or set
        ' INTERPRETER_WIN in <config file> to the python.exe that has xlperf.
        Say Zh("627E 4E0D 5230 6309 94AE 8981 7528 7684") & " Python" & Zh("FF1A") & vbCrLf & _
            interpreter & vbCrLf & vbCrLf & _
            Zh("8BF7 91CD 65B0 8FD0 884C 5B89 88C5 5305 4E2D 7684") & " install.cmd" & _
            Zh("FF0C 6216 5728 914D 7F6E 6587 4EF6") & vbCrLf & xlwings.GetConfigFilePath() & _
            vbCrLf & Zh("4E2D 628A") & " INTERPRETER_WIN " & Zh("6539 4E3A 88C5 6709") & _
            " xlperf " & Zh("7684") & " python.exe" & Zh("3002")
    #End If
End Function

' Python started but stopped with an error (shown by xlwings just before).
Private Function PythonFailedText() As String
    PythonFailedText = "Python " & _
        Zh("5DF2 542F 52A8 FF0C 4F46 6CA1 6709 8FD0 884C 5B8C FF08 9519 8BEF 89C1 4E0A 4E00 4E2A 7A97 53E3 FF09 3002") & _
        vbCrLf & vbCrLf & _
        Zh("82E5 63D0 793A") & " No module named 'xlperf'" & Zh("FF1A 914D 7F6E 6587 4EF6") & vbCrLf & _
        xlwings.GetConfigFilePath() & vbCrLf & Zh("4E2D") & " INTERPRETER_WIN " & _
        Zh("6307 5411 7684") & " Python " & Zh("6CA1 6709 5B89 88C5") & " xlperf" & _
        Zh("FF0C 8BF7 91CD 65B0 8FD0 884C") & " install.cmd" & Zh("3002") & vbCrLf & _
        Zh("82E5 63D0 793A") & " Could not load xlwings...dll" & _
        Zh("FF1A 628A 8BE5 6587 4EF6 4E2D 7684") & " USE UDF SERVER " & Zh("6539 4E3A") & _
        " False" & Zh("FF0C 7136 540E 91CD 65B0 542F 52A8") & " Excel" & Zh("3002")
End Function

' Python could not be started: the button did not run. Check INTERPRETER_WIN in
' <config file>, or run install.cmd again.
Private Function NotStartedText() As String
    NotStartedText = Zh("6CA1 80FD 542F 52A8") & " Python" & _
        Zh("FF0C 6309 94AE 6CA1 6709 8FD0 884C 3002") & vbCrLf & vbCrLf & _
        Zh("8BF7 68C0 67E5 914D 7F6E 6587 4EF6") & vbCrLf & xlwings.GetConfigFilePath() & vbCrLf & _
        Zh("4E2D 7684") & " INTERPRETER_WIN" & Zh("FF08 5E94 4E3A 88C5 6709") & " xlperf " & _
        Zh("7684") & " python.exe" & Zh("FF09 FF0C 6216 91CD 65B0 8FD0 884C 5B89 88C5 5305 4E2D 7684") & _
        " install.cmd" & Zh("3002")
End Function

Private Sub Say(text As String, Optional icon As VbMsgBoxStyle = vbExclamation)
    MsgBox text, icon, Zh("7EE9 6548 76EE 6807")
End Sub

' Text from UTF-16 code units in hex, separated by single spaces ("7EE9 6548").
Private Function Zh(ByVal codes As String) As String
    Dim code As Variant
    For Each code In Split(codes, " ")
        Zh = Zh & ChrW(CLng("&H" & code))
    Next code
End Function
