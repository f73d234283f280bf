// placeholder (lead): the helper replaces this
#include <cmark-gfm.h>
