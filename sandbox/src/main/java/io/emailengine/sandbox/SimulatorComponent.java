package io.emailengine.sandbox;

import java.util.List;
import java.util.function.Supplier;

/** A simulator (or any start/stop object) as a {@link Component} of the sandbox. */
final class SimulatorComponent implements Component {

    interface Action {
        void run() throws Exception;
    }

    private final String name;
    private final Action start;
    private final Runnable stop;
    private final Supplier<List<String>> describe;

    SimulatorComponent(String name, Action start, Runnable stop, Supplier<List<String>> describe) {
        this.name = name;
        this.start = start;
        this.stop = stop;
        this.describe = describe;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() throws Exception {
        start.run();
    }

    @Override
    public void stop() {
        stop.run();
    }

    @Override
    public List<String> describe() {
        return describe.get();
    }
}
