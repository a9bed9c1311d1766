// Test stub of MicroPrintf (see ../../../README.md). Not TensorFlow's header.
#ifndef LAB_STUB_MICRO_LOG_H_
#define LAB_STUB_MICRO_LOG_H_

#include <cstdarg>
#include <cstdio>

inline void MicroPrintf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  std::vprintf(format, args);
  va_end(args);
  std::printf("\n");
}

#endif  // LAB_STUB_MICRO_LOG_H_
