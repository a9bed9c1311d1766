// Test harness for the opt-in check against TensorFlow Lite Micro itself (c-source.test.ts, TFLM_LIB):
// loads a .tflite file, registers the operators the lab writes, allocates with RecordingMicroInterpreter and
// prints the arena's planned (non-persistent) and persistent bytes as TFLM measured them.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/recording_micro_interpreter.h"
#include "tensorflow/lite/schema/schema_generated.h"

namespace {
alignas(16) uint8_t arena[4 * 1024 * 1024];
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  FILE* f = std::fopen(argv[1], "rb");
  if (!f) return 2;
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  auto* bytes = static_cast<unsigned char*>(std::aligned_alloc(16, (size + 15) / 16 * 16));
  if (std::fread(bytes, 1, size, f) != static_cast<size_t>(size)) return 2;
  std::fclose(f);
  tflite::MicroMutableOpResolver<9> resolver;
  resolver.AddConv2D();
  resolver.AddDepthwiseConv2D();
  resolver.AddFullyConnected();
  resolver.AddMaxPool2D();
  resolver.AddAveragePool2D();
  resolver.AddSoftmax();
  resolver.AddReshape();
  resolver.AddQuantize();
  resolver.AddDequantize();
  tflite::RecordingMicroInterpreter interpreter(tflite::GetModel(bytes), resolver, arena, sizeof(arena));
  if (interpreter.AllocateTensors() != kTfLiteOk) return 1;
  const auto* allocator = interpreter.GetMicroAllocator().GetSimpleMemoryAllocator();
  std::printf("planned %zu persistent %zu\n", allocator->GetNonPersistentUsedBytes(),
              allocator->GetPersistentUsedBytes());
  return 0;
}
