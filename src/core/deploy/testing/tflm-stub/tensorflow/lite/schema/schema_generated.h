// Test stub of the schema's Model and GetModel (see ../../../README.md). Not TensorFlow's header.
#ifndef LAB_STUB_SCHEMA_GENERATED_H_
#define LAB_STUB_SCHEMA_GENERATED_H_

#include <cstdint>
#include <cstring>

#define TFLITE_SCHEMA_VERSION (3)

namespace tflite {

enum BuiltinOperator : int32_t {
  BuiltinOperator_AVERAGE_POOL_2D = 1,
  BuiltinOperator_CONV_2D = 3,
  BuiltinOperator_DEPTHWISE_CONV_2D = 4,
  BuiltinOperator_DEQUANTIZE = 6,
  BuiltinOperator_FULLY_CONNECTED = 9,
  BuiltinOperator_MAX_POOL_2D = 17,
  BuiltinOperator_RESHAPE = 22,
  BuiltinOperator_SOFTMAX = 25,
  BuiltinOperator_QUANTIZE = 114,
};

class Model {
 public:
  explicit Model(const unsigned char* bytes) : bytes_(bytes) {}
  // 3 when the buffer carries the TFL3 identifier at bytes 4..8 and is 16-byte aligned, else 0.
  uint32_t version() const {
    const bool aligned = reinterpret_cast<uintptr_t>(bytes_) % 16 == 0;
    return aligned && std::memcmp(bytes_ + 4, "TFL3", 4) == 0 ? 3 : 0;
  }

 private:
  const unsigned char* bytes_;
};

inline const Model* GetModel(const void* buf) {
  static Model model(nullptr);
  model = Model(static_cast<const unsigned char*>(buf));
  return &model;
}

}  // namespace tflite

#endif  // LAB_STUB_SCHEMA_GENERATED_H_
