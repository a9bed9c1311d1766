/** Plain-words background: why pruning needs compression to pay off, what gzip measures, who skips zeros. */
export function CompressExplainer() {
  return (
    <div className="hint" data-testid="prune-explainer">
      <p>
        <strong>Pruning</strong> sets the smallest weights to exactly zero while the network fine-tunes, so it can
        adjust the weights that remain (TensorFlow Model Optimization's magnitude pruning: sparsity rises from 50% to
        the target along a cubic curve, and the mask is updated every 100 steps). <strong>Clustering</strong> then lets
        each layer use only a few distinct values (8 to 64), fine-tuning those shared values.
      </p>
      <p>
        <strong>A pruned file is not smaller by itself.</strong> A .tflite file stores every weight, zero or not: a zero
        takes the same byte (int8) or four bytes (float32) as any other value, so the raw size does not change. What
        changes is how predictable the bytes are. <strong>gzip</strong> (the same DEFLATE compression web servers and
        app stores apply) replaces long runs and repeated patterns with short references, so a file full of zeros and a
        handful of repeated values compresses far better. The gzip size is what the file costs to download or ship
        inside a compressed app bundle; once loaded, the model takes its raw size in memory again.
      </p>
      <p>
        <strong>Skipping zeros at run time</strong> needs a sparse format and kernels for it. TFLite's schema has one (a
        tensor's <code>sparsity</code> field: compressed rows and block maps), and TFLite's CPU kernels can run a sparse
        fully-connected layer, but the lab writes dense tensors: it measures compressed size, not sparse speed, and has
        not measured whether LiteRT.js runs sparse tensors. XNNPACK, the engine that runs these files in LiteRT.js, has
        sparse kernels only for float 1x1 convolutions (MobileNet-like networks), so on this CNN a pruned file runs
        exactly as fast as an unpruned one.
      </p>
    </div>
  );
}
