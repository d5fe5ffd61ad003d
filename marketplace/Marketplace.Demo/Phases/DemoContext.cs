using Marketplace.Demo.Http;

namespace Marketplace.Demo.Phases;

/// <summary>The clients and settings every phase uses. <see cref="RunTag"/> keeps this run's accounts apart from earlier runs'.</summary>
public sealed record DemoContext(ApiClient Marketplace, ApiClient Sandbox, DemoOptions Options, string RunTag);
