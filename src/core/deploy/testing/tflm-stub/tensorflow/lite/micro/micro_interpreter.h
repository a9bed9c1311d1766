// Test stub of MicroInterpreter (see ../../../README.md). Not TensorFlow's header.
#ifndef LAB_STUB_MICRO_INTERPRETER_H_
#define LAB_STUB_MICRO_INTERPRETER_H_

#include <cstddef>
#include <cstdint>

#include "tensorflow/lite/c/common.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/schema/schema_generated.h"

namespace tflite {

class MicroInterpreter {
 public:
  MicroInterpreter(const Model* model, const MicroOpResolver& op_resolver, uint8_t* tensor_arena,
                   size_t tensor_arena_size)
      : model_(model), resolver_(op_resolver), arena_(tensor_arena), arena_size_(tensor_arena_size) {}

  TfLiteStatus AllocateTensors() {
    if (model_->version() != 3 || reinterpret_cast<uintptr_t>(arena_) % 16 != 0 || arena_size_ == 0) {
      return kTfLiteError;
    }
    for (unsigned int i = 0; i < resolver_.count(); ++i) {
      MicroPrintf("registered %d", static_cast<int>(resolver_.code(i)));
    }
    tensor_.data.raw = reinterpret_cast<char*>(arena_);
    tensor_.params.scale = 1.0f;
    tensor_.params.zero_point = 0;
    tensor_.bytes = arena_size_;
    allocated_ = true;
    return kTfLiteOk;
  }

  TfLiteTensor* input(size_t) { return allocated_ ? &tensor_ : nullptr; }
  TfLiteTensor* output(size_t) { return allocated_ ? &tensor_ : nullptr; }
  TfLiteStatus Invoke() { return allocated_ ? kTfLiteOk : kTfLiteError; }
  size_t arena_used_bytes() const { return arena_size_; }

 private:
  const Model* model_;
  const MicroOpResolver& resolver_;
  uint8_t* arena_;
  size_t arena_size_;
  TfLiteTensor tensor_{};
  bool allocated_ = false;
};

}  // namespace tflite

#endif  // LAB_STUB_MICRO_INTERPRETER_H_
