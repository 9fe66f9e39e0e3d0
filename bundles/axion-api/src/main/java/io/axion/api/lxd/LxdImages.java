package io.axion.api.lxd;

import java.util.List;

/** Images that LXD holds locally. */
public interface LxdImages {

    List<ImageInfo> list();
}
