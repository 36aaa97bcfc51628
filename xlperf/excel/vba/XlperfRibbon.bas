Attribute VB_Name = "XlperfRibbon"
' xlperf ribbon callbacks (the 绩效目标 tab of customUI.xml).
'
' Each button runs one entry point of the Python package xlperf.excel through
' the xlwings add-in. xlwings' RunPython hands Python the ACTIVE workbook
' (--wb=ActiveWorkbook.Name, read by xw.Book.caller()), so the buttons act on
' the workbook the user is looking at, never on this add-in.
' Which Python runs is xlwings' setting: INTERPRETER_WIN in
' %USERPROFILE%\.xlwings\xlwings.conf (written by "xlperf excel install").
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

Private Sub RunXlperf(pythonCode As String)
    If ActiveWorkbook Is Nothing Then
        MsgBox "请先打开要处理的绩效目标工作簿。", vbInformation, "绩效目标"
        Exit Sub
    End If
    On Error GoTo NoXlwings
    Application.StatusBar = "绩效目标：正在运行，请稍候……"
    ' RunPython returns -1 after it has shown a Python error itself.
    If Application.Run("xlwings.xlam!RunPython", pythonCode) = -1 Then
        Application.StatusBar = False
    End If
    Exit Sub
NoXlwings:
    Application.StatusBar = False
    MsgBox "无法调用 xlwings 加载项：" & Err.Description & vbCrLf & vbCrLf & _
           "请在命令提示符中运行 xlperf excel install，然后重新启动 Excel。", _
           vbExclamation, "绩效目标"
End Sub
