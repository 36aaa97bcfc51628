"""Text as offices send it: tab-separated lines copied from a PDF or a web page."""
