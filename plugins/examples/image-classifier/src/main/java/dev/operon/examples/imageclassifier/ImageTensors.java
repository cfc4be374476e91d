package dev.operon.examples.imageclassifier;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The one image-to-tensor conversion, used both to train and to serve, so the model always sees the same input:
 * resized to a square, RGB, channels first, each value scaled from 0..255 to -1..1.
 */
final class ImageTensors {

    private ImageTensors() {
    }

    /** A float tensor of shape (3, size, size). */
    static NDArray toTensor(NDManager manager, Image image, int size) {
        Image square = image.getWidth() == size && image.getHeight() == size ? image : image.resize(size, size, true);
        NDArray pixels = square.toNDArray(manager, Image.Flag.COLOR);
        return pixels.toType(DataType.FLOAT32, false).div(127.5f).sub(1f).transpose(2, 0, 1);
    }
}
