import { standInSettings } from '@onething/legacy-kit';
import { settings } from '@onething/runtime';

/** Settings of the registry stand-in: the kit's, plus how slow the registry is. */
export const realestateSettings = standInSettings('realestate', 4103, {
  baseLatencyMs: {
    env: 'BASE_LATENCY_MS',
    schema: settings.ms(40),
    doc: 'Milliseconds added to every protocol request before it is handled: registries are slow.',
  },
  baseJitterMs: {
    env: 'BASE_JITTER_MS',
    schema: settings.ms(80),
    doc: 'Up to this many more milliseconds, uniformly, on top of BASE_LATENCY_MS.',
  },
});

/** The registry stand-in's loaded settings. */
export type RealestateConfig = ReturnType<typeof realestateSettings.load>;
