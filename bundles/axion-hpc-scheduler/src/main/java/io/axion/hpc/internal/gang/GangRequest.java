package io.axion.hpc.internal.gang;

import io.axion.api.error.ValidationException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.InstanceNames;
import io.axion.hpc.internal.allocation.PinRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/gangs}: {@code count} members named {@code <name>-<index>}, each created from the
 * template, all placed or none.
 *
 * @param spread {@code host} (the default) or {@code pack}
 * @param queue  wait (the whole gang) when there is no room now, instead of a 422
 */
public record GangRequest(String name, Integer count, Template template, String spread, Boolean queue,
                          Integer priority) {
    public static final int MAX_COUNT = 256;
    /** The longest gang name whose members' names ({@code -255}) still fit the 63-character rule. */
    static final int MAX_NAME = 59;

    /** What every member is created from; the fields of an instance create, without its name and host. */
    public record Template(String image, Integer cpu, Integer memoryMiB, Integer diskGiB, String cloudInit,
                           Boolean start, String cpuPolicy, String numa, Integer gpus) {
    }

    /** The 422s; everything else (the image, the sizes' limits) the instance service checks per member. */
    public void validate() {
        InstanceNames.requireValid("name", name);
        if (name.length() > MAX_NAME) {
            throw new ValidationException("name", "must be at most " + MAX_NAME + " characters (members add -N)");
        }
        if (count == null || count < 1 || count > MAX_COUNT) {
            throw new ValidationException("count", "must be a whole number from 1 to " + MAX_COUNT);
        }
        if (template == null) {
            throw new ValidationException("template", "is required: {image, cpu, memoryMiB, cpuPolicy?, numa?, gpus?}");
        }
        if (template.image() == null || template.image().isBlank()) {
            throw new ValidationException("template.image", "is required (an LXD image alias or fingerprint)");
        }
        if (template.cpu() == null || template.cpu() < 1) {
            throw new ValidationException("template.cpu", "is required (a whole number of cores from 1)");
        }
        if (template.memoryMiB() == null || template.memoryMiB() < 1) {
            throw new ValidationException("template.memoryMiB", "is required (MiB)");
        }
        Spread.of(spread);
        if (priority != null && (priority < 0 || priority > 1000)) {
            throw new ValidationException("priority", "must be a whole number from 0 to 1000");
        }
        pinRequests();
    }

    /** 0 unless given; higher starts first among queued gangs. */
    public int priorityOrDefault() {
        return priority == null ? 0 : priority;
    }

    public boolean queued() {
        return queue != null && queue;
    }

    public Spread spreadOrDefault() {
        return Spread.of(spread);
    }

    public String memberName(int index) {
        return name + "-" + index;
    }

    public List<String> memberNames() {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(memberName(i));
        }
        return names;
    }

    /** One pin request per member, in member order; bad scheduling fields are 422s. */
    public List<PinRequest> pinRequests() {
        Map<String, Object> options = member(0).schedulingOptions();
        List<PinRequest> pins = new ArrayList<>(count);
        for (String member : memberNames()) {
            pins.add(PinRequest.of(member, template.cpu(), template.memoryMiB(), options));
        }
        return pins;
    }

    /** The create of member {@code index} in the gang's {@code tenant} (where its quota counts it). */
    public CreateInstance member(int index, String tenant) {
        return member(index).inTenant(tenant);
    }

    /** The create of member {@code index}; no host, so placement asks the scheduler (which knows its pin). */
    public CreateInstance member(int index) {
        return new CreateInstance(memberName(index), template.image(), template.cpu(), template.memoryMiB(),
                template.diskGiB(), template.cloudInit(), template.start(), null, template.cpuPolicy(), template.numa(),
                template.gpus(), null, null, null, null);
    }
}
