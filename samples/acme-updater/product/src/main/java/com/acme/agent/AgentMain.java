package com.acme.agent;

import com.acme.agent.config.AgentConfig;
import com.acme.agent.config.Endpoints;
import com.acme.agent.device.DeviceFingerprint;
import com.acme.agent.net.MirrorSelector;
import com.acme.agent.scan.FileScanner;
import com.acme.agent.scan.SignatureDatabase;
import com.acme.agent.telemetry.TelemetryClient;
import com.acme.agent.update.SignatureDownloader;
import com.acme.agent.update.UpdateChecker;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Entry point of the Acme endpoint agent: keeps signatures current and scans the user's files. */
public final class AgentMain {

    private static final System.Logger LOG = System.getLogger(AgentMain.class.getName());

    private final AgentConfig config;
    private final AtomicReference<SignatureDatabase> database = new AtomicReference<>(SignatureDatabase.empty());
    private final UpdateChecker updateChecker;
    private final SignatureDownloader downloader;
    private final MirrorSelector mirrors;
    private final TelemetryClient telemetry;
    private final FileScanner scanner;

    AgentMain(AgentConfig config, String installationId) {
        this.config = config;
        this.updateChecker = new UpdateChecker(config);
        this.downloader = new SignatureDownloader(config.signatureDatabase());
        this.mirrors = new MirrorSelector(installationId);
        this.telemetry = new TelemetryClient(config);
        this.scanner = new FileScanner(database::get);
    }

    public static void main(String[] args) throws Exception {
        AgentConfig config = AgentConfig.load();
        String installationId = new DeviceFingerprint().installationId();
        AgentMain agent = new AgentMain(config, installationId);
        agent.loadInstalledDatabase();
        try (AgentScheduler scheduler = new AgentScheduler()) {
            scheduler.every(config.updateInterval(), "update", agent::update);
            scheduler.every(config.scanInterval(), "scan", agent::scan);
            new CountDownLatch(1).await();
        }
    }

    void loadInstalledDatabase() throws IOException {
        if (Files.isRegularFile(config.signatureDatabase())) {
            database.set(SignatureDatabase.load(config.signatureDatabase()));
        }
    }

    void update() throws IOException, InterruptedException {
        UpdateChecker.UpdateInfo info = updateChecker.check();
        if (info.isNewerThan(config.productVersion())) {
            LOG.log(System.Logger.Level.INFO, "agent " + info.latestVersion() + " is available");
        }
        if (info.signatureSerial() > database.get().serial()) {
            String cdn = mirrors.selectMirror(List.of(config.cdnBaseUrl(), Endpoints.CDN_MIRROR_EU));
            database.set(downloader.download(cdn));
            telemetry.record("sigdb.updated", Map.of("serial", Long.toString(database.get().serial())));
        }
    }

    void scan() throws IOException {
        List<FileScanner.Detection> detections = scanner.scan(config.scanRoot());
        for (FileScanner.Detection d : detections) {
            LOG.log(System.Logger.Level.WARNING, "threat " + d.signature() + " in " + d.file());
        }
        telemetry.record("scan.finished", Map.of("detections", Integer.toString(detections.size())));
    }
}
