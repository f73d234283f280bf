// placeholder (lead): the helper replaces this
