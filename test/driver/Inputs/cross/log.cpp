#include "app.h"

void log_line(const char *m) { write_log(m); }
