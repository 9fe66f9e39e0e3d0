package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.lxd.FileType;
import io.axion.api.lxd.ForwardProtocol;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdEvent;
import io.axion.api.lxd.ProxyForward;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LxdJsonTest {

    static JsonNode json(String text) throws Exception {
        return LxdConnection.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void instanceFromRecursionOneListing() throws Exception {
        JsonNode node = json("""
                {'name':'web-1','status':'Running','status_code':103,'created_at':'2026-11-27T15:29:41.878943903Z',
                 'location':'none','type':'container',
                 'config':{'limits.cpu':'2','limits.memory':'512MiB','user.axion.image':'axion/busybox',
                           'volatile.base_image':'0f25293a9b9a','image.os':'busybox'},
                 'expanded_config':{'limits.cpu':'2','limits.memory':'512MiB'},
                 'devices':{},
                 'expanded_devices':{
                   'root':{'type':'disk','path':'/','pool':'default','size':'10GiB'},
                   'axion-tcp-10022':{'type':'proxy','listen':'tcp:127.0.0.1:10022','connect':'tcp:127.0.0.1:22','bind':'host'},
                   'odd':{'type':'proxy','listen':'tcp:0.0.0.0:2000-2010','connect':'tcp:127.0.0.1:2000-2010'},
                   'dns':{'type':'proxy','listen':'udp:[::1]:5353','connect':'udp:127.0.0.1:53'}}}
                """);
        InstanceInfo info = LxdJson.instance(node);
        assertThat(info.name()).isEqualTo("web-1");
        assertThat(info.status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(info.image()).isEqualTo("axion/busybox");
        assertThat(info.cpu()).isEqualTo(2);
        assertThat(info.memoryMiB()).isEqualTo(512L);
        assertThat(info.diskGiB()).isEqualTo(10L);
        assertThat(info.createdAt()).isEqualTo(Instant.parse("2026-11-27T15:29:41.878943903Z"));
        assertThat(info.location()).isEqualTo("none");
        assertThat(info.config()).containsEntry("image.os", "busybox").doesNotContainKey("volatile.base_image");
        assertThat(info.forwards()).containsExactly(
                new ProxyForward("::1", 5353, 53, ForwardProtocol.UDP),
                new ProxyForward("127.0.0.1", 10022, 22, ForwardProtocol.TCP));
    }

    @Test
    void aSharedInstanceConfinedToACpuSetCountsItsAllowance() throws Exception {
        InstanceInfo info = LxdJson.instance(json("""
                {'name':'s','status':'Running','config':{'limits.cpu':'1-3','limits.cpu.allowance':'100ms/100ms'},
                 'devices':{}}"""));
        assertThat(info.cpu()).isEqualTo(1);
        assertThat(info.config()).containsEntry("limits.cpu", "1-3");
    }

    @Test
    void instanceWithoutLimitsOrAxionImageFallsBackToBaseImage() throws Exception {
        InstanceInfo info = LxdJson.instance(json("""
                {'name':'x','status':'Stopped','config':{'volatile.base_image':'abc123','limits.memory':'50%'},
                 'devices':{}}"""));
        assertThat(info.image()).isEqualTo("abc123");
        assertThat(info.cpu()).isNull();
        assertThat(info.memoryMiB()).isNull();
        assertThat(info.diskGiB()).isNull();
        assertThat(info.status()).isEqualTo(InstanceStatus.STOPPED);
        assertThat(info.forwards()).isEmpty();
    }

    @Test
    void stateSnapshotImageAndResources() throws Exception {
        var state = LxdJson.state(json("""
                {'status':'Running','pid':4242,'processes':3,'cpu':{'usage':123456789},
                 'memory':{'usage':1048576,'usage_peak':2097152}}"""));
        assertThat(state.status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(state.pid()).isEqualTo(4242);
        assertThat(state.cpuUsageNanos()).isEqualTo(123456789L);
        assertThat(state.memoryPeakBytes()).isEqualTo(2097152L);

        var snapshot = LxdJson.snapshot(json("{'name':'c1/snap0','created_at':'2026-11-27T10:00:00Z','stateful':false}"));
        assertThat(snapshot.name()).isEqualTo("snap0");
        assertThat(snapshot.createdAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));

        var image = LxdJson.image(json("""
                {'fingerprint':'0f25293a9b9a','aliases':[{'name':'axion/busybox','description':''}],
                 'properties':{'description':'Axion busybox'},'size':1038336,'architecture':'x86_64',
                 'uploaded_at':'2026-11-27T15:24:22Z'}"""));
        assertThat(image.aliases()).containsExactly("axion/busybox");
        assertThat(image.description()).isEqualTo("Axion busybox");
        assertThat(image.size()).isEqualTo(1038336L);

        var resources = LxdJson.resources(json("""
                {'cpu':{'total':4,'sockets':[{'cores':[{'threads':[{},{}]},{'threads':[{},{}]}]}]},
                 'memory':{'total':25769803776}}"""));
        assertThat(resources.cpuCores()).isEqualTo(2);
        assertThat(resources.cpuThreads()).isEqualTo(4);
        assertThat(resources.memoryBytes()).isEqualTo(25769803776L);
    }

    @Test
    void lifecycleAndOperationEvents() throws Exception {
        var started = LxdJson.event(json("""
                {'type':'lifecycle','timestamp':'2026-11-27T15:30:00.5Z','project':'axion',
                 'metadata':{'action':'instance-started','source':'/1.0/instances/web-1?project=axion','context':{}}}"""));
        assertThat(started).contains(new LxdEvent(LxdEvent.Kind.LIFECYCLE, "instance-started", "web-1", "axion",
                Instant.parse("2026-11-27T15:30:00.5Z")));

        var snapshot = LxdJson.event(json("""
                {'type':'lifecycle','timestamp':'2026-11-27T15:30:00Z','project':'default',
                 'metadata':{'action':'instance-snapshot-created','source':'/1.0/instances/web-1/snapshots/s1'}}"""));
        assertThat(snapshot.orElseThrow().instance()).isEqualTo("web-1");

        var operation = LxdJson.event(json("""
                {'type':'operation','timestamp':'2026-11-27T15:30:00Z','project':'default',
                 'metadata':{'status':'Success','resources':{'instances':['/1.0/instances/web-2']}}}"""));
        assertThat(operation.orElseThrow().kind()).isEqualTo(LxdEvent.Kind.OPERATION);
        assertThat(operation.orElseThrow().action()).isEqualTo("success");
        assertThat(operation.orElseThrow().instance()).isEqualTo("web-2");

        assertThat(LxdJson.event(json("{'type':'logging','metadata':{}}"))).isEmpty();
        assertThat(LxdJson.instanceOf("/1.0/storage-pools/default")).isNull();
    }

    @Test
    void busEventsCarryNameActionProjectAndHost() {
        var event = new LxdEvent(LxdEvent.Kind.LIFECYCLE, "instance-stopped", "web-1", "axion", Instant.EPOCH);
        var bus = LxdEventStream.busEvent(event, "h1").orElseThrow();
        assertThat(bus.channel()).isEqualTo("instances");
        assertThat(bus.type()).isEqualTo("instance-stopped");
        assertThat(bus.data()).containsEntry("name", "web-1").containsEntry("action", "instance-stopped")
                .containsEntry("project", "axion").containsEntry("host", "h1");
        assertThat(LxdEventStream.busEvent(new LxdEvent(LxdEvent.Kind.OPERATION, "success", "web-1", "axion",
                Instant.EPOCH), "h1")).isEmpty();
        assertThat(LxdEventStream.busEvent(new LxdEvent(LxdEvent.Kind.LIFECYCLE, "image-created", null, "axion",
                Instant.EPOCH), "h1")).isEmpty();
    }

    @Test
    void fileHeaders() {
        assertThat(LxdJson.fileType("directory")).isEqualTo(FileType.DIRECTORY);
        assertThat(LxdJson.fileType("symlink")).isEqualTo(FileType.SYMLINK);
        assertThat(LxdJson.fileType("file")).isEqualTo(FileType.FILE);
        assertThat(FileHeaders.size("bytes 0-0/1982256", "1")).isEqualTo(1982256L);
        assertThat(FileHeaders.size(null, "42")).isEqualTo(42L);
        assertThat(LxdFilesService.nameOf("/etc/passwd")).isEqualTo("passwd");
        assertThat(LxdFilesService.nameOf("/etc/")).isEqualTo("etc");
        assertThat(LxdFilesService.nameOf("/")).isEqualTo("/");
    }
}
