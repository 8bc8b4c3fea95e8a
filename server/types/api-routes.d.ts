declare module '#bookify/api-routes' {
  const routes: { route: string, method: string | undefined }[]
  export default routes
}
