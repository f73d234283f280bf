print("terminal-check: placeholder")
