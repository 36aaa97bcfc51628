"""xlperf's own workbook: the template finance staff fill in, and department workbooks."""
