"""Word documents (.docx) in the format of official documents (GB/T 9704-2012): the 督查通报 and
专报, the 催报 and 督办 notices, the 下发通知. ``page`` holds the format, the other modules the
documents; each writer is handed plain data and never reads the database itself."""
