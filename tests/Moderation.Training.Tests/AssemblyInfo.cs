// TorchSharp's random generator is process-wide; tests that seed it must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
