package io.embapi.platform.seed;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Runs every {@link Seed} in order, before the service reports itself ready. */
@Component
public class Seeds implements ApplicationRunner {

    private final List<Seed> seeds;

    Seeds(List<Seed> seeds) {
        this.seeds = seeds;
    }

    @Override
    public void run(ApplicationArguments args) {
        runAll();
    }

    public void runAll() {
        seeds.forEach(Seed::seed);
    }
}
