package dev.operon.core.models;

import dev.operon.core.config.DataDir;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.stream.Stream;

/**
 * This node's copy of model files: {@code versions/<sha256>/} holds a restored version (content addressed, so a
 * folder there is complete and was verified when it was made), {@code staging/} the zipped drafts of running
 * trainings. Restoring checks the artifact's SHA-256 against the registry before anything is extracted.
 */
@ApplicationScoped
public class ArtifactCache {

    @Inject
    ModelsConfig config;

    @Inject
    ModelStore store;

    private volatile Path root;

    Path root() {
        Path current = root;
        if (current == null) {
            current = config.cacheDir().map(dir -> Path.of(dir).toAbsolutePath())
                    .orElseGet(() -> DataDir.resolve().resolve("model-cache"));
            root = current;
        }
        return current;
    }

    /** A new empty file for a draft's zip; its owner deletes it. */
    Path newStagingFile() throws IOException {
        Path staging = Files.createDirectories(root().resolve("staging"));
        return Files.createTempFile(staging, "draft-", ".zip");
    }

    /** The version's files on this node, restored from the database unless already here. */
    synchronized ModelFiles restore(RegisteredVersion version) {
        Path folder = root().resolve("versions").resolve(version.artifactSha256());
        if (!Files.isDirectory(folder)) {
            try {
                extract(version, folder);
            } catch (IOException e) {
                throw new ModelUnavailableException("version " + version.version() + " of " + version.modelType()
                        + " could not be restored on this node: " + e.getMessage(), e);
            }
        }
        return new ModelFiles(folder, version.modelName(), version.properties());
    }

    private void extract(RegisteredVersion version, Path folder) throws IOException {
        Path versions = Files.createDirectories(folder.getParent());
        Path zip = newStagingFile();
        Path unpacked = Files.createTempDirectory(versions, ".restoring-");
        try {
            try (OutputStream out = Files.newOutputStream(zip)) {
                store.copyArtifact(version.id(), out);
            }
            String actual = Artifacts.sha256(zip);
            if (!actual.equals(version.artifactSha256())) {
                throw new ModelUnavailableException("version " + version.version() + " of " + version.modelType()
                        + " cannot be served: its stored artifact fails the checksum (registered sha256 "
                        + version.artifactSha256() + ", stored bytes have " + actual + "); the artifact is corrupt,"
                        + " promote or roll back to another version");
            }
            Artifacts.unzip(zip, unpacked);
            try {
                Files.move(unpacked, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another process sharing the folder restored it first: same checksum, same files
            }
        } finally {
            Artifacts.deleteQuietly(zip);
            Artifacts.deleteQuietly(unpacked);
        }
    }

    /** Deletes restored versions other than {@code keep} (checksums); they can be restored again when needed. */
    synchronized void retainOnly(Set<String> keep) {
        Path versions = root().resolve("versions");
        if (!Files.isDirectory(versions)) {
            return;
        }
        try (Stream<Path> folders = Files.list(versions)) {
            folders.filter(f -> !keep.contains(f.getFileName().toString())).forEach(Artifacts::deleteQuietly);
        } catch (IOException e) {
            // pruning is best effort; the next swap tries again
        }
    }
}
