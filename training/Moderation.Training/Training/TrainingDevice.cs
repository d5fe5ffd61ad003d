using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Training;

/// <summary>cpu, or cuda when this build carries TorchSharp's CUDA runtime (-p:TorchDevice=cuda) and a GPU is present.</summary>
public static class TrainingDevice
{
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new TrainingSetupException("--device cuda: CUDA is not available (this build uses TorchSharp-cpu unless built with -p:TorchDevice=cuda, and needs an NVIDIA driver)"),
        _ => throw new TrainingSetupException($"unknown device '{name}' (known: cpu, cuda)"),
    };
}
