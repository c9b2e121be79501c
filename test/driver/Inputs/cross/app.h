// Helpers of a small service, defined in three files; only server.cpp
// has coroutines.
#pragma once
#include <string>

std::string load_config();     // config.cpp: sleeps two calls down
int parse_value(const char *); // config.cpp: does not block
void log_line(const char *);   // log.cpp, through write_log in io.cpp
void write_log(const char *);  // io.cpp: sleeps
void deep();                   // config.cpp: blocks four calls down
