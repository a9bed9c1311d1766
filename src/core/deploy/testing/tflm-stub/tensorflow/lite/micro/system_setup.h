// Test stub of InitializeTarget (see ../../../README.md). Not TensorFlow's header.
#ifndef LAB_STUB_SYSTEM_SETUP_H_
#define LAB_STUB_SYSTEM_SETUP_H_

namespace tflite {
inline void InitializeTarget() {}
}  // namespace tflite

#endif  // LAB_STUB_SYSTEM_SETUP_H_
