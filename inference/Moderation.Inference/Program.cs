// `dotnet run --project inference/Moderation.Inference -- --bundle DIR --urls URL`
await Moderation.Inference.InferenceApp.Create(args).RunAsync();
