// The domain vocabulary shared by the governance core, main, renderer and team server.
export * from './organization';
export * from './tags';
export * from './customers';
