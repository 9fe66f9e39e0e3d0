package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.lxd.ImageInfo;
import io.axion.api.lxd.LxdImages;
import org.eclipse.jetty.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;

/** The images LXD holds (Axion's project shares the default project's images). */
public final class LxdImagesService implements LxdImages {
    private final LxdConnection lxd;
    public LxdImagesService(LxdConnection lxd) {
        this.lxd = lxd;
    }

    @Override
    public List<ImageInfo> list() {
        var request = lxd.request(HttpMethod.GET, "/1.0/images").param("recursion", "1");
        JsonNode images = lxd.send(request, new Subject("Project", lxd.project()), "list images").metadata();
        List<ImageInfo> result = new ArrayList<>(images.size());
        images.forEach(i -> result.add(LxdJson.image(i)));
        return result;
    }
}
