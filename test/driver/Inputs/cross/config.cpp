#include "app.h"
#include <chrono>
#include <thread>

static void wait_disk() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

std::string read_all(const char *path) {
  wait_disk();
  return path;
}

std::string load_config() { return read_all("/etc/app.conf"); }

int parse_value(const char *s) { return s[0]; }

static void d3() { wait_disk(); }
static void d2() { d3(); }
void deep() { d2(); }
