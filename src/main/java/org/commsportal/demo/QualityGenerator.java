package org.commsportal.demo;

import java.util.ArrayList;
import java.util.List;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.Side;

/**
 * Quality records for generated sessions: mostly good streams, a few percent poor ones (each poor stream
 * crosses exactly one threshold of docs/session-details.md, so every reason occurs), some failed ICE and some feedback.
 * Wi-Fi, mobile and outside the corporate network are worse than wired inside, and one subnet ({@link #BAD_SUBNET})
 * and one client version ({@link #BAD_CLIENT}) stand out on the call quality page (docs/call-quality.md).
 */
final class QualityGenerator {

    /** The base share of poor streams, wired and inside the corporate network. */
    private static final double BASE_POOR_SHARE = 0.025;

    /** A subnet with a faulty switch: a third of its streams are poor. */
    static final String BAD_SUBNET = "10.20.37.0";

    /** A client version with a known audio bug: four times as many poor streams. */
    static final String BAD_CLIENT = "UCCAPI/15.0.5023.1000 OC/15.0.5023.1000 (Skype for Business)";

    private static final List<String> OS =
            List.of("Windows 10 Enterprise 22H2", "Windows 11 Enterprise 23H2", "macOS 14.4", "Windows 11 Pro 24H2");
    private static final List<String> CPUS =
            List.of("Intel(R) Core(TM) i5-8350U", "Intel(R) Core(TM) i7-1185G7", "AMD Ryzen 7 PRO 5850U", "Apple M2");
    private static final List<String> MICROPHONES =
            List.of("Jabra Evolve2 65", "Microphone (Realtek Audio)", "Poly Blackwire 5220", "MacBook Pro Microphone");
    private static final List<String> SPEAKERS =
            List.of("Jabra Evolve2 65", "Speakers (Realtek Audio)", "Poly Blackwire 5220", "MacBook Pro Speakers");
    private static final List<String> TOKENS = List.of(
            "DistortedSpeech",
            "Echo",
            "NoiseLevel",
            "LowVolume",
            "DroppedCall",
            "FrozenVideo",
            "PixelatedVideo",
            "AudioVideoOutOfSync");

    private static final List<String> POOR_COMMENTS = List.of(
            "The other party kept breaking up.",
            "Could not hear anything for the first minute.",
            "Video froze every few seconds.",
            "Terrible echo on my side.",
            "The call dropped twice.");
    private static final List<String> GOOD_COMMENTS =
            List.of("Clear as a bell.", "Great call, no problems.", "Video was sharp today.");

    private final DemoRandom random;

    QualityGenerator(DemoRandom random) {
        this.random = random;
    }

    Quality.Report report(List<Modality> media, List<Side> sides, String clientVersion) {
        var sessions = new ArrayList<Quality.SessionInfo>();
        var lines = new ArrayList<Quality.MediaLine>();
        var audio = new ArrayList<Quality.AudioStream>();
        var audioEvents = new ArrayList<Quality.AudioClientEvents>();
        var signals = new ArrayList<Quality.AudioSignal>();
        var sharing = new ArrayList<Quality.AppSharingStream>();
        var videoEvents = new ArrayList<Quality.VideoClientEvents>();
        var video = new ArrayList<Quality.VideoStream>();
        var hops = new ArrayList<Quality.TracerouteHop>();
        var feedback = new ArrayList<Quality.Feedback>();
        for (Side side : sides) {
            sessions.add(new Quality.SessionInfo(
                    side,
                    "PC-" + random.hex(6).toUpperCase(),
                    random.pick(OS),
                    random.pick(CPUS),
                    random.pick(List.of(4, 8, 12)),
                    clientVersion,
                    random.chance(0.1) ? "Citrix" : null));
            var shares = new java.util.EnumMap<Modality, Double>(Modality.class);
            for (Modality type : media) {
                if (type == Modality.AUDIO || type == Modality.VIDEO || type == Modality.APPLICATION_SHARING) {
                    Quality.MediaLine line = mediaLine(side, type);
                    lines.add(line);
                    shares.put(type, poorShare(line, clientVersion));
                }
            }
            if (media.contains(Modality.AUDIO)) {
                audio.add(audioStream(side, shares.get(Modality.AUDIO)));
                audioEvents.add(audioClientEvents(side));
                signals.add(new Quality.AudioSignal(
                        side,
                        round(random.gaussian(-20, 3)),
                        round(random.gaussian(-22, 3)),
                        round(random.gaussian(-65, 4)),
                        round(random.gaussian(-63, 4)),
                        round(random.gaussian(-45, 6)),
                        round(random.between(0, 4)),
                        round(random.between(0, 4))));
            }
            if (media.contains(Modality.VIDEO)) {
                video.add(videoStream(side, shares.get(Modality.VIDEO)));
                videoEvents.add(new Quality.VideoClientEvents(
                        side, round(random.between(0, 0.05)), round(random.between(0, 0.05))));
            }
            if (media.contains(Modality.APPLICATION_SHARING)) {
                sharing.add(appSharingStream(side, shares.get(Modality.APPLICATION_SHARING)));
            }
            if (random.chance(0.3)) {
                int count = random.between(3, 7);
                for (int hop = 1; hop <= count; hop++) {
                    hops.add(new Quality.TracerouteHop(
                            side,
                            hop,
                            "10." + random.between(0, 255) + "." + random.between(0, 255) + "."
                                    + random.between(1, 255),
                            round(hop * random.between(1, 9))));
                }
            }
            if (random.chance(0.06)) {
                // the old client's calls are rated worse (docs/reliability.md)
                int rating = BAD_CLIENT.equals(clientVersion)
                        ? random.pick(List.of(1, 2, 2, 3, 3, 4, 5))
                        : random.pick(List.of(1, 2, 3, 4, 4, 5, 5, 5));
                String tokens = rating <= 3 ? random.pick(TOKENS) + "," + random.pick(TOKENS) : null;
                String text = rating <= 2 && random.chance(0.5)
                        ? random.pick(POOR_COMMENTS)
                        : rating >= 4 && random.chance(0.1) ? random.pick(GOOD_COMMENTS) : null;
                feedback.add(new Quality.Feedback(side, rating, tokens, text));
            }
        }
        return new Quality.Report(
                sessions, lines, audio, audioEvents, signals, sharing, videoEvents, video, hops, feedback);
    }

    /** How likely a stream on the line is poor: worse on Wi-Fi, mobile and outside, on the bad subnet and client. */
    private static double poorShare(Quality.MediaLine line, String clientVersion) {
        if (BAD_SUBNET.equals(line.subnet())) {
            return 0.33;
        }
        double share = BASE_POOR_SHARE;
        if ("wifi".equals(line.connectionType())) {
            share *= 2;
        } else if ("mobile".equals(line.connectionType())) {
            share *= 3;
        }
        if (!Boolean.TRUE.equals(line.insideCorp())) {
            share *= 2;
        }
        if (BAD_CLIENT.equals(clientVersion)) {
            share *= 4;
        }
        return share;
    }

    private Quality.MediaLine mediaLine(Side side, Modality type) {
        boolean inside = random.chance(0.85);
        String connection = random.chance(0.6) ? "wired" : random.chance(0.9) ? "wifi" : "mobile";
        String ice = random.chance(0.98) ? "succeeded" : "failed";
        int subnet = random.between(0, 63);
        return new Quality.MediaLine(
                side,
                type,
                "10.20." + subnet + "." + random.between(2, 250),
                random.between(50000, 50040),
                "10.20." + subnet + ".0",
                inside,
                !inside && random.chance(0.5),
                connection,
                random.pick(MICROPHONES),
                random.pick(SPEAKERS),
                ice,
                inside ? null : "52.112." + random.between(0, 255) + "." + random.between(1, 255));
    }

    private Quality.AudioStream audioStream(Side side, double poorShare) {
        double jitter = random.between(2, 14);
        double loss = random.between(0, 0.02);
        double rtt = random.between(20, 160);
        double degradation = random.between(0.05, 0.6);
        double concealed = random.between(0.003, 0.03);
        if (random.chance(poorShare)) {
            switch (random.between(0, 5)) {
                case 0 -> jitter = random.between(31, 80);
                case 1 -> loss = random.between(0.11, 0.3);
                case 2 -> rtt = random.between(510, 1200);
                case 3 -> degradation = random.between(1.05, 2.5);
                default -> concealed = random.between(0.075, 0.2);
            }
        }
        return new Quality.AudioStream(
                side,
                random.pick(List.of("SILKWide", "SATIN", "RTAudio", "G722", "OPUS")),
                round(jitter),
                round(jitter * random.between(1.5, 3)),
                round(loss),
                round(loss * random.between(1.5, 4)),
                round(rtt),
                round(rtt * random.between(1.2, 2)),
                round(4.4 - degradation),
                round(4.1 - degradation * 1.5),
                round(degradation),
                round(degradation * random.between(1.2, 2)),
                round(concealed),
                round(random.between(0, 0.1)),
                round(random.between(40, 120)));
    }

    private Quality.AudioClientEvents audioClientEvents(Side side) {
        return new Quality.AudioClientEvents(
                side, small(), small(), small(), small(), small(), small(), small(), small(), small(), small(), small(),
                small(), small());
    }

    private Double small() {
        return random.chance(0.8) ? 0.0 : round(random.between(0, 0.15));
    }

    private Quality.VideoStream videoStream(Side side, double poorShare) {
        double frameLoss = random.between(0, 6);
        double frameRate = random.between(14, 30);
        double postFec = random.between(0, 0.05);
        // The first reported metric decides a video verdict (docs/session-details.md): so that every video rule occurs,
        // a
        // stream poor by a later metric leaves the earlier ones unreported.
        boolean frameLossReported = true;
        boolean frameRateReported = true;
        if (random.chance(poorShare)) {
            switch (random.between(0, 3)) {
                case 0 -> frameLoss = random.between(51, 80);
                case 1 -> {
                    frameRate = random.between(2, 6.9);
                    frameLossReported = false;
                }
                default -> {
                    postFec = random.between(0.16, 0.4);
                    frameLossReported = false;
                    frameRateReported = false;
                }
            }
        }
        var stream = new Quality.VideoStream(
                side,
                random.pick(List.of("H264", "RT Video", "H264S")),
                random.pick(List.of("1280x720", "640x360", "1920x1080")),
                round(frameRate),
                round(frameRate * random.between(0.9, 1.05)),
                round(frameLoss),
                round(postFec),
                round(random.between(300, 2500)));
        return new Quality.VideoStream(
                side,
                stream.codec(),
                stream.resolution(),
                frameRateReported ? stream.frameRateInAvg() : null,
                frameRateReported ? stream.frameRateOutAvg() : null,
                frameLossReported ? stream.localFrameLossPercent() : null,
                stream.postFecPacketLoss(),
                stream.bitRateKbps());
    }

    private Quality.AppSharingStream appSharingStream(Side side, double poorShare) {
        double spoiled = random.between(0, 20);
        double latency = random.between(20, 250);
        double oneWay = random.between(0.05, 1.2);
        if (random.chance(poorShare)) {
            switch (random.between(0, 3)) {
                case 0 -> spoiled = random.between(37, 70);
                case 1 -> latency = random.between(410, 900);
                default -> oneWay = random.between(1.8, 3.5);
            }
        }
        return new Quality.AppSharingStream(
                side,
                round(random.between(2, 20)),
                round(random.between(20, 150)),
                round(random.between(0, 0.03)),
                round(latency),
                round(spoiled),
                round(oneWay));
    }

    private static Double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
