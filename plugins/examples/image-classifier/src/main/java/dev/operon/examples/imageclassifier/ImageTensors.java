package dev.operon.examples.imageclassifier;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The one image-to-tensor conversion, used both to train and to serve, so the model always sees the same input:
 * resized to a square, RGB, channels first, standardised per image (its mean subtracted, divided by its standard
 * deviation), so the network learns shapes rather than the colours they happen to have.
 */
final class ImageTensors {

    private ImageTensors() {
    }

    /** A float tensor of shape (3, size, size). */
    static NDArray toTensor(NDManager manager, Image image, int size) {
        Image square = image.getWidth() == size && image.getHeight() == size ? image : image.resize(size, size, true);
        NDArray pixels = square.toNDArray(manager, Image.Flag.COLOR);
        NDArray channels = pixels.toType(DataType.FLOAT32, false).transpose(2, 0, 1).reshape(3, -1);
        NDArray centred = channels.sub(channels.mean(new int[] {1}, true));
        NDArray spread = centred.pow(2).mean(new int[] {1}, true).sqrt().add(1f);
        return centred.div(spread).reshape(3, size, size);
    }
}
