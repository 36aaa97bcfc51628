"""Writers, beside their output: xlperf's own workbook (the template and department
workbooks) and the published text layout. Each reads the model; none reads a source."""
