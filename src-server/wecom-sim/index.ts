// Public surface of the WeCom simulator.
export { startWecomSimulator, type WecomSimulator } from './server';
export type { WecomSimulatorOptions, SimLimits, CallbackConfig } from './options';
export { DEFAULT_SIM_LIMITS } from './options';
export type { FaultControls } from './faults';
export type { CallbackEvent, DeliveryRecord } from './callbacks';
export { endpoints as simulatedEndpoints } from './endpoints/index';
