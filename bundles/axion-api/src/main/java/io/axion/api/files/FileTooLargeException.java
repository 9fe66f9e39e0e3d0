package io.axion.api.files;

import io.axion.api.error.AxionException;

/** 413 ({@code payload-too-large}): an upload is bigger than the configured cap. */
public class FileTooLargeException extends AxionException {

    public FileTooLargeException(long maxBytes) {
        super(413, "payload-too-large", "Payload too large",
                "The file is larger than the upload limit of " + maxBytes + " bytes");
    }
}
