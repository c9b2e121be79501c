// Included by io.cpp only: its inline function is summarised there.
#pragma once
#include <chrono>
#include <thread>

inline void disk_sync() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
