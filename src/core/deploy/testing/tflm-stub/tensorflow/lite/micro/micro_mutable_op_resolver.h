// Test stub of MicroMutableOpResolver for the operators the lab writes (see ../../../README.md).
// Not TensorFlow's header.
#ifndef LAB_STUB_MICRO_MUTABLE_OP_RESOLVER_H_
#define LAB_STUB_MICRO_MUTABLE_OP_RESOLVER_H_

#include "tensorflow/lite/c/common.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/schema/schema_generated.h"

namespace tflite {

class MicroOpResolver {
 public:
  virtual ~MicroOpResolver() = default;
  virtual unsigned int count() const = 0;
  virtual BuiltinOperator code(unsigned int i) const = 0;
};

template <unsigned int tOpCount>
class MicroMutableOpResolver : public MicroOpResolver {
 public:
  TfLiteStatus AddAveragePool2D() { return Add(BuiltinOperator_AVERAGE_POOL_2D); }
  TfLiteStatus AddConv2D() { return Add(BuiltinOperator_CONV_2D); }
  TfLiteStatus AddDepthwiseConv2D() { return Add(BuiltinOperator_DEPTHWISE_CONV_2D); }
  TfLiteStatus AddDequantize() { return Add(BuiltinOperator_DEQUANTIZE); }
  TfLiteStatus AddFullyConnected() { return Add(BuiltinOperator_FULLY_CONNECTED); }
  TfLiteStatus AddMaxPool2D() { return Add(BuiltinOperator_MAX_POOL_2D); }
  TfLiteStatus AddQuantize() { return Add(BuiltinOperator_QUANTIZE); }
  TfLiteStatus AddReshape() { return Add(BuiltinOperator_RESHAPE); }
  TfLiteStatus AddSoftmax() { return Add(BuiltinOperator_SOFTMAX); }

  unsigned int count() const override { return count_; }
  BuiltinOperator code(unsigned int i) const override { return codes_[i]; }

 private:
  TfLiteStatus Add(BuiltinOperator op) {
    for (unsigned int i = 0; i < count_; ++i) {
      if (codes_[i] == op) {
        MicroPrintf("stub: operator %d added twice", static_cast<int>(op));
        return kTfLiteError;
      }
    }
    if (count_ >= tOpCount) {
      MicroPrintf("stub: resolver size %u is too small", tOpCount);
      return kTfLiteError;
    }
    codes_[count_++] = op;
    return kTfLiteOk;
  }

  BuiltinOperator codes_[tOpCount];
  unsigned int count_ = 0;
};

}  // namespace tflite

#endif  // LAB_STUB_MICRO_MUTABLE_OP_RESOLVER_H_
