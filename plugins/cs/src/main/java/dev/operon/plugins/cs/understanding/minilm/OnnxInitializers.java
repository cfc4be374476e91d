package dev.operon.plugins.cs.understanding.minilm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the float tensors stored as initializers of an ONNX model file. A minimal protocol-buffers reader: only the
 * fields of {@code ModelProto.graph}, {@code GraphProto.node/initializer}, {@code NodeProto} and {@code TensorProto}
 * needed for the weights are decoded, everything else is skipped.
 *
 * <p>A PyTorch export stores the weight of a {@code Linear} layer as an anonymous initializer
 * ({@code onnx::MatMul_787}) transposed ({@code [in, out]}), the right-hand input of a {@code MatMul} node named after
 * the layer ({@code /encoder/layer.0/attention/self/query/MatMul}). Such weights are given back under the layer's
 * PyTorch name ({@code encoder.layer.0.attention.self.query.weight}) in PyTorch's layout ({@code [out, in]}).
 */
public final class OnnxInitializers {

    /** A float tensor: its shape and values in row-major order. */
    public record Tensor(long[] shape, float[] values) {
    }

    private static final int FLOAT = 1;

    /** Where a float initializer's values lie in the file: a contiguous run of little-endian floats. */
    private record Location(long[] shape, int offset, int count) {
    }

    private OnnxInitializers() {
    }

    /** The float initializers of {@code onnx}, by (PyTorch) name. */
    public static Map<String, Tensor> read(Path onnx) throws IOException {
        return read(onnx, Files.readAllBytes(onnx), null);
    }

    /**
     * Writes to {@code target} a copy of the graph {@code onnx} whose initializers named in {@code weights} (PyTorch
     * names and layout, as {@link #read} gives them) hold these values instead: the same graph with other weights,
     * served by ONNX Runtime exactly as the original. Every tensor of {@code weights} must be an initializer of the
     * graph with the same shape; initializers it does not name keep their values. The values are written in place
     * (a float is 4 bytes whatever its value), so nothing else in the file changes.
     */
    public static void patch(Path onnx, Map<String, Tensor> weights, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(onnx);
        Map<String, Location> locations = new LinkedHashMap<>();
        Map<String, String> renames = new LinkedHashMap<>();
        read(onnx, bytes, locations);
        scanRenames(bytes, renames);
        Map<String, String> onnxNames = new LinkedHashMap<>();
        for (String name : locations.keySet()) {
            String layer = renames.get(name);
            onnxNames.put(layer == null ? name : layer + ".weight", name);
        }
        ByteBuffer out = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            String onnxName = onnxNames.get(e.getKey());
            if (onnxName == null) {
                throw new IOException(e.getKey() + " is not a weight of " + onnx.getFileName());
            }
            Location at = locations.get(onnxName);
            if (at == null) {
                throw new IOException(e.getKey() + " is stored in a way that cannot be replaced in place");
            }
            Tensor value = renames.containsKey(onnxName) ? transpose(e.getValue()) : e.getValue();
            if (!java.util.Arrays.equals(value.shape(), at.shape()) || value.values().length != at.count()) {
                throw new IOException(e.getKey() + " has the shape " + java.util.Arrays.toString(e.getValue().shape())
                        + ", the graph's is " + java.util.Arrays.toString(at.shape()));
            }
            float[] values = value.values();
            for (int i = 0; i < values.length; i++) {
                out.putFloat(at.offset() + 4 * i, values[i]);
            }
        }
        Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(),
                ".part");
        try {
            Files.write(partial, bytes);
            Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void scanRenames(byte[] file, Map<String, String> renames) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        Reader graph = graph(bytes, "the ONNX file");
        while (graph.hasMore()) {
            if (graph.tag() == 1) {
                readMatMulName(graph.message(), renames);
            } else {
                graph.skip();
            }
        }
    }

    private static Reader graph(ByteBuffer bytes, Object file) throws IOException {
        Reader model = new Reader(bytes, 0, bytes.limit());
        Reader graph = null;
        while (model.hasMore()) {
            int field = model.tag();
            if (field == 7) {
                graph = model.message();
            } else {
                model.skip();
            }
        }
        if (graph == null) {
            throw new IOException(file + " has no graph");
        }
        return graph;
    }

    private static Map<String, Tensor> read(Path onnx, byte[] file, Map<String, Location> locations)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        Reader graph = graph(bytes, onnx);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> renames = new LinkedHashMap<>();
        while (graph.hasMore()) {
            int field = graph.tag();
            if (field == 5) {
                readTensor(graph.message(), tensors, locations);
            } else if (field == 1) {
                readMatMulName(graph.message(), renames);
            } else {
                graph.skip();
            }
        }
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String layer = renames.get(e.getKey());
            if (layer == null) {
                named.put(e.getKey(), e.getValue());
            } else {
                named.put(layer + ".weight", transpose(e.getValue()));
            }
        }
        return named;
    }

    private static void readTensor(Reader tensor, Map<String, Tensor> out, Map<String, Location> locations)
            throws IOException {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = null;
        ByteBuffer raw = null;
        int dataOffset = -1;
        boolean contiguous = true;
        List<Float> floats = new ArrayList<>();
        while (tensor.hasMore()) {
            int field = tensor.tag();
            int wire = tensor.lastWireType;
            switch (field) {
                case 1 -> {
                    if (wire == 2) {
                        Reader packed = tensor.message();
                        while (packed.hasMore()) {
                            dims.add(packed.varint());
                        }
                    } else {
                        dims.add(tensor.varint());
                    }
                }
                case 2 -> type = (int) tensor.varint();
                case 4 -> {
                    if (wire == 2) {
                        Reader packed = tensor.message();
                        contiguous &= floats.isEmpty();
                        dataOffset = packed.position;
                        while (packed.hasMore()) {
                            floats.add(packed.float32());
                        }
                    } else {
                        contiguous = false;
                        floats.add(tensor.float32());
                    }
                }
                case 8 -> name = tensor.string();
                case 9 -> {
                    raw = tensor.bytes();
                    dataOffset = tensor.lastStart;
                }
                case 14 -> {
                    if (tensor.varint() == 1) {
                        throw new IOException("tensor " + name + " is stored outside the ONNX file, not supported");
                    }
                }
                default -> tensor.skip();
            }
        }
        if (type != FLOAT || name == null) {
            return;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        float[] values = new float[Math.toIntExact(count)];
        if (raw != null) {
            if (raw.remaining() != values.length * 4L) {
                throw new IOException("tensor " + name + " holds " + raw.remaining() + " bytes, " + values.length * 4L
                        + " expected");
            }
            raw.asFloatBuffer().get(values);
        } else {
            if (floats.size() != values.length) {
                throw new IOException("tensor " + name + " holds " + floats.size() + " floats, " + values.length
                        + " expected");
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        }
        out.put(name, new Tensor(shape, values));
        if (locations != null && contiguous && dataOffset >= 0) {
            locations.put(name, new Location(shape, dataOffset, values.length));
        }
    }

    private static void readMatMulName(Reader node, Map<String, String> renames) throws IOException {
        List<String> inputs = new ArrayList<>();
        String name = null;
        String op = null;
        while (node.hasMore()) {
            int field = node.tag();
            switch (field) {
                case 1 -> inputs.add(node.string());
                case 3 -> name = node.string();
                case 4 -> op = node.string();
                default -> node.skip();
            }
        }
        if ("MatMul".equals(op) && name != null && name.endsWith("/MatMul") && inputs.size() == 2
                && inputs.get(1).startsWith("onnx::MatMul")) {
            String layer = name.substring(name.startsWith("/") ? 1 : 0, name.length() - "/MatMul".length());
            renames.put(inputs.get(1), layer.replace('/', '.'));
        }
    }

    private static Tensor transpose(Tensor t) {
        if (t.shape().length != 2) {
            return t;
        }
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] out = new float[t.values().length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = t.values()[r * cols + c];
            }
        }
        return new Tensor(new long[] {cols, rows}, out);
    }

    /** Reads protocol-buffers fields from a slice of the file. */
    private static final class Reader {
        private final ByteBuffer buffer;
        private int position;
        private final int end;
        int lastWireType;
        /** Where the content of the last length-delimited field read by {@link #bytes()} starts. */
        int lastStart;

        Reader(ByteBuffer buffer, int start, int end) {
            this.buffer = buffer;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int tag() throws IOException {
            long key = varint();
            lastWireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() throws IOException {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IOException("truncated ONNX file");
                }
                byte b = buffer.get(position++);
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IOException("malformed varint in the ONNX file");
        }

        float float32() {
            float value = buffer.getFloat(position);
            position += 4;
            return value;
        }

        Reader message() throws IOException {
            int length = Math.toIntExact(varint());
            if (position + length > end) {
                throw new IOException("truncated ONNX file");
            }
            Reader inner = new Reader(buffer, position, position + length);
            position += length;
            return inner;
        }

        ByteBuffer bytes() throws IOException {
            Reader inner = message();
            lastStart = inner.position;
            return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(inner.position).limit(inner.end)
                    .slice().order(ByteOrder.LITTLE_ENDIAN);
        }

        String string() throws IOException {
            Reader inner = message();
            byte[] b = new byte[inner.end - inner.position];
            buffer.get(inner.position, b);
            return new String(b, StandardCharsets.UTF_8);
        }

        void skip() throws IOException {
            switch (lastWireType) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> message();
                case 5 -> position += 4;
                default -> throw new IOException("unsupported wire type " + lastWireType + " in the ONNX file");
            }
        }
    }
}
