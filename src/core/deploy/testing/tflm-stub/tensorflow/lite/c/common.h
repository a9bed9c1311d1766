// Test stub of TFLite's C types (see ../../../README.md). Not TensorFlow's header.
#ifndef LAB_STUB_TFLITE_C_COMMON_H_
#define LAB_STUB_TFLITE_C_COMMON_H_

#include <cstddef>
#include <cstdint>

typedef enum TfLiteStatus { kTfLiteOk = 0, kTfLiteError = 1 } TfLiteStatus;

typedef union TfLitePtrUnion {
  int32_t* i32;
  int64_t* i64;
  float* f;
  char* raw;
  uint8_t* uint8;
  int16_t* i16;
  int8_t* int8;
  void* data;
} TfLitePtrUnion;

typedef struct TfLiteQuantizationParams {
  float scale;
  int32_t zero_point;
} TfLiteQuantizationParams;

typedef struct TfLiteTensor {
  TfLitePtrUnion data;
  TfLiteQuantizationParams params;
  size_t bytes;
} TfLiteTensor;

#endif  // LAB_STUB_TFLITE_C_COMMON_H_
